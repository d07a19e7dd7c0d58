"""The API object's error answers and its OpenAPI document.

Every error answer is JSON ``{"detail": ...}`` with a Vietnamese message: 400 unreadable body, 401 missing or
wrong credentials, 404 missing or out of scope (the same answer), 422 invalid input (``detail`` keeps the
per-field list, each ``msg`` in Vietnamese, and ``message`` sums it up). The document lists these answers
on every operation and marks the public operations as callable without credentials.
"""

from typing import Any

from django.db import DataError
from django.http import Http404
from ninja import NinjaAPI
from ninja.constants import NOT_SET
from ninja.errors import AuthenticationError, ValidationError

from sausat.core.api_auth import Anonymous
from sausat.core.middleware import OUT_OF_RANGE, is_out_of_range

NOT_FOUND = "Không tìm thấy (hoặc ngoài phạm vi của bạn)."
UNAUTHORIZED = "Cần đăng nhập hoặc khóa API hợp lệ."
INVALID = "Dữ liệu gửi lên không hợp lệ"

# Vietnamese wording of pydantic's error types; ``{...}`` are filled from the error's context.
_MESSAGES = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "string_type": "phải là chuỗi ký tự",
    "list_type": "phải là một danh sách",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "datetime_parsing": "phải là thời điểm dạng ISO 8601",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "cần ít nhất {min_length} ký tự",
    "json_invalid": "không phải JSON hợp lệ",
}

_ERROR_SCHEMA = {
    "title": "ApiError",
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
            "description": "Thông báo lỗi (tiếng Việt), hoặc danh sách lỗi theo từng trường.",
        },
        "message": {"type": "string", "description": "Tóm tắt lỗi nhập liệu (tiếng Việt)."},
    },
    "required": ["detail"],
}
_ERROR_REF = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}
_ERRORS = {
    "400": "Yêu cầu không đọc được (thân yêu cầu không phải JSON hợp lệ).",
    "401": UNAUTHORIZED,
    "404": NOT_FOUND,
    "422": "Dữ liệu không hợp lệ: tham số ngoài giới hạn, sai kiểu, thiếu trường, chứa ký tự NUL.",
}


def vietnamese(error: dict[str, Any]) -> str:
    template = _MESSAGES.get(error.get("type", ""), "không hợp lệ")
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return "không hợp lệ"


def _field(error: dict[str, Any]) -> str:
    loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path", "payload")]
    return ".".join(loc) or "yêu cầu"


class SausatAPI(NinjaAPI):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_exception_handler(ValidationError, self._invalid)
        self.add_exception_handler(Http404, self._not_found)
        self.add_exception_handler(AuthenticationError, self._unauthorized)
        self.add_exception_handler(OverflowError, self._out_of_range)
        self.add_exception_handler(DataError, self._out_of_range)

    def _invalid(self, request, exc: ValidationError):
        errors = []
        for error in exc.errors:
            item = {k: v for k, v in error.items() if k != "input"}
            item["msg"] = vietnamese(error)
            errors.append(item)
        message = INVALID + ": " + "; ".join(f"{_field(e)} {e['msg']}" for e in errors) + "."
        return self.create_response(request, {"detail": errors, "message": message}, status=422)

    def _out_of_range(self, request, exc):
        """A number beyond what the database stores (an id or filter past 64 bits) names nothing."""
        if isinstance(exc, DataError) and not is_out_of_range(exc):
            raise exc
        return self.create_response(request, {"detail": OUT_OF_RANGE, "message": OUT_OF_RANGE}, status=422)

    def _not_found(self, request, exc):
        return self.create_response(request, {"detail": NOT_FOUND}, status=404)

    def _unauthorized(self, request, exc: AuthenticationError):
        message = exc.message if exc.message != "Unauthorized" else UNAUTHORIZED
        return self.create_response(request, {"detail": message}, status=401)

    def _public_operation_ids(self) -> set[str]:
        found = set()
        for _prefix, router in self._routers:
            for view in router.path_operations.values():
                for operation in view.operations:
                    auth = operation.auth_param if operation.auth_param is not NOT_SET else router.auth
                    callbacks = auth if isinstance(auth, (list, tuple)) else [auth]
                    if any(isinstance(cb, Anonymous) for cb in callbacks):
                        found.add(operation.operation_id or self.get_openapi_operation_id(operation))
        return found

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = _ERROR_SCHEMA
        public = self._public_operation_ids()
        for operations in schema["paths"].values():
            for op in operations.values():
                is_public = op.get("operationId") in public
                if is_public:
                    # ``{}`` first: the operation needs no credentials; a key or a session only widens scope.
                    op["security"] = [{}, *op.get("security", [])]
                # 404 anywhere: a route refuses what is out of the caller's scope as if it did not exist.
                codes = ["400", "401", "404", "422"]
                for code in codes:
                    op["responses"].setdefault(int(code), {"description": _ERRORS[code], **_ERROR_REF})
        return schema
