"""The bad-input corpus through forms, the API, searches, uploads and every export.

Passes when nothing answers 5xx, no payload script comes back unescaped, and every export still
opens (.xlsx with openpyxl, .docx with python-docx) after the payloads are stored.
"""

from __future__ import annotations

import io
import secrets
import urllib.parse
import uuid
import zipfile

from benchmarks.harness.server import request

XSS = '<script>alert("sausat")</script>'
CORPUS = {
    "nfd": "Be\u0323\u0302nh vie\u0323\u0302n xa\u0303 Nguye\u0302\u0303n",
    "zero_width": "Đường\u200b giao\u200c thông\u200d nông\ufeff thôn \u202egnol",
    "emoji_zwj": "Gia đình 👨\u200d👩\u200d👧 cần hỗ trợ",
    "non_characters": "Ý kiến \ufffe\uffff có ký tự lạ",
    "controls": "Ý kiến\x01\x07\x1b[31m đỏ\x0b\x0c",
    "nul": "Ý kiến có NUL\x00 ở giữa",
    "xss": f"Ý kiến {XSS} <img src=x onerror=alert(1)> <a href='javascript:alert(1)'>x</a>",
    "formula": '=HYPERLINK("http://evil.example/","bấm")',
    "formula_plus": "+1+cmd|' /C calc'!A0",
    "formula_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "crlf": "dòng 1\r\nSet-Cookie: x=1\r\n\x1b[2J",
    "big_1mb": "Ý kiến rất dài. " * (1024 * 1024 // 16),
}
EXPORTS = [
    ("meetings:register_xlsx", "xlsx"),
    ("meetings:notice", "docx"),
    ("directives:pack_xlsx", "xlsx"),
    ("directives:pack_docx", "docx"),
    ("liaison:review_xlsx", "xlsx"),
    ("liaison:review_docx", "docx"),
    ("opinions:import_template", "xlsx"),
]


def _hdrs(client, **extra):
    return client._headers(**extra)


def _multipart(fields: dict, files: dict) -> tuple[str, bytes]:
    boundary = "probe" + uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for k, (name, content, ctype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", out.getvalue()


def zip_bomb_xlsx(rows: int = 400_000) -> bytes:
    """A small .xlsx whose sheet unpacks to many megabytes of rows."""
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    row = '<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>'
    sheet.write(row * rows)
    sheet.write("</sheetData></worksheet>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return buf.getvalue()


def hostile_uploads() -> list[tuple[str, bytes, str]]:
    html = b"<html><script>alert(1)</script></html>"
    return [
        (
            "../../../etc/passwd.xlsx",
            b"PK\x03\x04not really",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("..\\..\\x.csv", "stt,nội dung\n1,=1+1\n".encode(), "text/csv"),
        ("%2e%2e%2fbao_cao.pdf", html, "application/pdf"),
        ("bao_cao.pdf.html", html, "text/html"),
        ("\uff0fetc\uff0fx.pdf", html, "application/pdf"),
        ("a" * 300 + ".xlsx", b"\x00" * 64, "application/octet-stream"),
        ("bom.xlsx", zip_bomb_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]


def run(base_url: str, clients: dict, samples: dict, secretary: str = "vanphong") -> dict:
    from django.urls import reverse

    checks, violations = 0, []
    sec = clients[secretary]
    anon = clients["anonymous"]
    meeting = next(s for s in samples["meeting"] if s.label == "in")
    commune = next(s for s in samples["commune"] if s.label == "a")

    def check(what: str, status: int, body: bytes = b"") -> None:
        nonlocal checks
        checks += 1
        if status >= 500:
            violations.append(f"5xx: {what} -> {status}")
        elif XSS.encode() in body:
            violations.append(f"SECURITY script reflected unescaped: {what}")

    live = reverse("opinions:live_entry", kwargs={"meeting_pk": meeting.pk})
    for name, text in CORPUS.items():
        status, _h, body = sec.post_form(
            live,
            {"idempotency_key": secrets.token_hex(8), "speaker": text[:300], "speaker_unit": text[:300], "text": text},
        )
        check(f"live entry [{name}]", status, body)
        status, _h, body = sec.api(
            "POST",
            "/api/v1/opinions/",
            {
                "text": text,
                "unit_code": commune.facts["code"],
                "idempotency_key": secrets.token_hex(8),
                "author_name": text[:300],
            },
        )
        check(f"API register [{name}]", status, body)
        status, _h, body = sec.api(
            "POST", "/api/v1/opinions/", {"text": text, "unit_code": text[:100], "idempotency_key": text[:100]}
        )
        check(f"API register as keys [{name}]", status, body)
        q = urllib.parse.quote(text[:2000])
        for path in (f"/y-kien/?q={q}", f"/can-bo/?q={q}", f"/dia-ban/?q={q}", f"/api/v1/opinions/?q={q}&limit={q}"):
            status, _h, body = sec.get(path)
            check(f"search {path.split('?')[0]} [{name}]", status, body)
        status, _h, body = anon.post_form(
            f"/y-kien/gui/{meeting.facts['token']}/",
            {"idempotency_key": secrets.token_hex(8), "text": text, "author_name": text[:300]},
        )
        check(f"public form [{name}]", status, body)
    for path in (
        "/api/v1/opinions/?limit=99999999999999999999999",
        "/api/v1/opinions/?offset=-1",
        "/chi-dao/bao-cao-quy/?year=99999&quarter=9",
    ):
        status, _h, body = sec.get(path)
        check(f"GET {path}", status, body)
    status, _h, body = sec.api("POST", "/api/v1/opinions/", None)
    check("API empty body", status, body)
    deep = "[" * 1000 + "]" * 1000
    st, _h, body, _r = request(
        base_url,
        "POST",
        "/api/v1/opinions/",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {sec.bearer}"},
        body=deep,
    )
    check("API JSON nested 1000 deep", st, body)

    uploads = [
        (reverse("opinions:import", kwargs={"meeting_pk": meeting.pk}), "file"),
        (reverse("meetings:attach", kwargs={"pk": meeting.pk}), "file"),
        (reverse("geo:hamlet_import", kwargs={"code": "p92"}), "file"),
        (reverse("liaison:import"), "file"),
    ]
    for path, field in uploads:
        for name, content, ctype in hostile_uploads():
            ctype_header, body = _multipart(
                {"csrfmiddlewaretoken": sec.cookies.get("csrftoken", "")}, {field: (name, content, ctype)}
            )
            status, _h, out, _r = request(
                base_url,
                "POST",
                path,
                headers=_hdrs(sec, **{"Content-Type": ctype_header, "Referer": base_url + path}),
                body=body,
            )
            check(f"upload {name[:40]!r} to {path}", status, out)

    export_checks = 0
    for name, kind in EXPORTS:
        kwargs = {"meeting_pk": meeting.pk} if name.startswith("meetings:") else {}
        path = reverse(name, kwargs=kwargs)
        if name == "meetings:notice":
            # The notice is a form (GET) whose POST renders the .docx: fill it with hostile text.
            hostile = CORPUS["xss"][:200]
            fields = {"issuing_body": hostile, "place": "Cần Thơ", "title": hostile, "body": "# 1. " + hostile}
            status, _headers, body = sec.post_form(path, fields)
        else:
            status, _headers, body = sec.get(path)
        check(f"export {name}", status)
        if status != 200:
            violations.append(f"export {name} answered {status} after the corpus")
            continue
        export_checks += 1
        try:
            if kind == "xlsx":
                import openpyxl

                book = openpyxl.load_workbook(io.BytesIO(body))
                for sheet in book.worksheets:
                    for row in sheet.iter_rows():
                        for cell in row:
                            if cell.data_type == "f" or (
                                isinstance(cell.value, str)
                                and cell.value[:1] in "=+-@"
                                and len(cell.value) > 1
                                and not cell.value[1:2].isdigit()
                                and cell.value[:1] != "-"
                            ):
                                violations.append(
                                    f"SECURITY formula cell in {name}: {cell.coordinate} {cell.value[:40]!r}"
                                )
                                break
            else:
                import docx

                docx.Document(io.BytesIO(body))
        except Exception as exc:
            violations.append(f"export {name} does not open: {type(exc).__name__}: {exc}")
    return {"checks": checks, "exports_opened": export_checks, "violations": violations}
