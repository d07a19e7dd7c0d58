"""Bounded handling of uploaded files: size caps, streamed spreadsheet rows, a short-lived stash.

Every import (paper surveys, hamlets, assignment decisions) reads its file through
:func:`read_table`, which never holds more than ``max_rows`` rows and never opens an .xlsx whose
zip members would unpack to more than ``SAUSAT_IMPORT_MAX_UNPACKED_MB`` (a zip bomb is refused
from its central directory, before any byte is inflated). CSV is read line by line with a cap on
the line length. :class:`LimitedUploadHandler` stops buffering any uploaded file past
``SAUSAT_MAX_UPLOAD_MB`` so an oversize file costs neither memory nor disk; forms then refuse it
with their own Vietnamese message.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

MB = 1024 * 1024
# Past this compression ratio a member is a bomb, not a spreadsheet: real sheets stay under ~30.
MAX_RATIO = 150
MAX_MEMBERS = 2000
CSV_MAX_LINE = 64 * 1024
STASH_MAX_AGE = 24 * 3600


class UploadRefused(Exception):
    """The file cannot be accepted; ``str(exc)`` is the Vietnamese message for the user."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "SAUSAT_MAX_UPLOAD_BYTES", 20 * MB))


def max_import_bytes() -> int:
    return int(getattr(settings, "SAUSAT_MAX_IMPORT_BYTES", 10 * MB))


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "SAUSAT_IMPORT_MAX_UNPACKED_BYTES", 100 * MB))


def _mb(n: int) -> str:
    return f"{n / MB:.0f}" if n % MB == 0 else f"{n / MB:.1f}"


def check_size(size: int | None, limit: int, what: str = "Tệp") -> None:
    if size is not None and size > limit:
        raise UploadRefused(f"{what} nặng {size / MB:.1f} MB, vượt giới hạn {_mb(limit)} MB.")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the upload handler ---------------------------------------------------------------------


class OversizeUpload(UploadedFile):
    """Stands in for a file that went past the hard cap: no content, only its (partial) size."""

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)
        self.oversize = True


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes chunks on until the cap, then swallows the rest.

    The next handlers (memory / temporary file) therefore never hold more than the cap; the form
    receives an :class:`OversizeUpload` whose ``size`` is over every form's limit.
    """

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._seen = 0
        self._over = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._seen += len(raw_data)
        if self._seen > max_upload_bytes():
            self._over = True
            return None
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self._over:
            return OversizeUpload(self.file_name or "", self._seen, self.content_type)
        return None


# --- reading tables -------------------------------------------------------------------------


def check_xlsx_archive(data: bytes) -> None:
    """Refuse a workbook whose zip directory announces an absurd unpacked size or ratio."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused("Không đọc được tệp Excel. Vui lòng dùng tệp mẫu (.xlsx).") from exc
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UploadRefused("Tệp Excel có cấu trúc bất thường (quá nhiều thành phần); không nhận.")
    total = sum(m.file_size for m in members)
    limit = max_unpacked_bytes()
    # zipfile stops inflating a member at its declared size (and then fails its CRC check), so the
    # declared sizes bound what openpyxl can ever unpack.
    if total > limit:
        raise UploadRefused(
            f"Tệp Excel khi giải nén lớn tới {total / MB:,.0f} MB (giới hạn {_mb(limit)} MB): "
            "có thể là tệp độc hại hoặc quá nhiều dòng; không nhận.".replace(",", ".")
        )
    for m in members:
        if m.file_size > MB and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise UploadRefused(
                "Tệp Excel có tỉ lệ nén bất thường (có thể là tệp độc hại, “bom giải nén”); không nhận."
            )


def _too_many(max_rows: int) -> UploadRefused:
    return UploadRefused(f"Tệp có quá nhiều dòng (tối đa {max_rows:,}).".replace(",", "."))


def _scan_limit(max_rows: int) -> int:
    """Physical rows read at most: the data cap plus room for blank rows (and the header)."""
    return 2 * max_rows + 1000


def _xlsx_rows(data: bytes, max_rows: int, max_cols: int) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    check_xlsx_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UploadRefused("Không đọc được tệp Excel. Vui lòng dùng tệp mẫu (.xlsx).") from exc
    try:
        limit = _scan_limit(max_rows)
        declared = sheet.max_row if isinstance(sheet.max_row, int) else None
        if declared is not None and declared > limit:
            raise _too_many(max_rows)
        # Past the check, forget the declared size: openpyxl would otherwise stop silently at a
        # dimension that lies; the caller's cap bounds the reading instead.
        sheet.reset_dimensions()
        try:
            for values in sheet.iter_rows(max_col=max_cols, values_only=True):
                yield list(values)
        except UploadRefused:
            raise
        except Exception as exc:
            raise UploadRefused("Không đọc được tệp Excel. Vui lòng dùng tệp mẫu (.xlsx).") from exc
    finally:
        workbook.close()


def _csv_lines(data: bytes, max_line: int) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    reader = io.BufferedReader(io.BytesIO(data))
    number = 0
    while True:
        raw = reader.readline(max_line + 1)
        if not raw:
            break
        number += 1
        if len(raw) > max_line and not raw.endswith(b"\n"):
            raise UploadRefused(f"Dòng {number} của tệp CSV dài quá {max_line // 1024} KB; không nhận.")
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as exc:
            raise UploadRefused("Tệp CSV phải dùng bảng mã UTF-8.") from exc
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise UploadRefused("Tệp CSV phải dùng bảng mã UTF-8.") from exc


def _csv_rows(data: bytes, max_rows: int, max_cols: int, dialect: Any) -> Iterator[list[Any]]:
    try:
        for values in csv.reader(_csv_lines(data, CSV_MAX_LINE), dialect):
            yield values[:max_cols]
    except csv.Error as exc:
        raise UploadRefused("Tệp CSV không đúng định dạng (một ô quá dài hoặc thiếu dấu ngoặc kép).") from exc


def sniff_dialect(data: bytes) -> Any:
    """The CSV dialect guessed from the first 4 KB (comma, semicolon or tab); plain commas otherwise."""
    try:
        sample = data[:4096].decode("utf-8-sig", errors="ignore")
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_table(
    data: bytes,
    filename: str,
    *,
    max_rows: int,
    max_cols: int = 30,
    csv_dialect: Any = None,
    extensions: tuple[str, ...] = (".xlsx", ".csv"),
) -> list[tuple[int, list[Any]]]:
    """``[(line number, values), ...]``: the header row (line 1) and every non-blank row after it.

    Refuses (:class:`UploadRefused`) past ``max_rows`` non-blank data rows without reading further,
    so memory is bounded by the cap whatever the file claims or unpacks to.
    """
    name = filename.lower()
    if not name.endswith(extensions):
        raise UploadRefused("Chỉ nhận tệp " + " hoặc ".join(extensions) + ".")
    check_size(len(data), max_import_bytes())
    if name.endswith(".csv"):
        rows = _csv_rows(data, max_rows, max_cols, csv_dialect or csv.excel)
    else:
        rows = _xlsx_rows(data, max_rows, max_cols)
    table: list[tuple[int, list[Any]]] = []
    data_rows = 0
    limit = _scan_limit(max_rows)
    for number, values in enumerate(rows, start=1):
        if number > limit:
            raise _too_many(max_rows)
        if number > 1 and not any(v not in (None, "") and str(v).strip() for v in values):
            continue
        if number > 1:
            data_rows += 1
            if data_rows > max_rows:
                raise _too_many(max_rows)
        table.append((number, values))
    return table


# --- a short-lived stash between the dry run and the confirmation ---------------------------


def _stash_dir() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stash(data: bytes) -> str:
    """Keep ``data`` until the import is confirmed; returns its SHA-256 (the stash key)."""
    purge_stash()
    digest = sha256(data)
    path = _stash_dir() / digest
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return digest


def stashed(digest: str) -> bytes | None:
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    path = _stash_dir() / digest
    return path.read_bytes() if path.is_file() else None


def discard(digest: str) -> None:
    if stashed(digest) is not None:
        (_stash_dir() / digest).unlink(missing_ok=True)


def purge_stash(max_age: int = STASH_MAX_AGE) -> int:
    """Remove stashed uploads nobody confirmed within ``max_age`` seconds."""
    cutoff = time.time() - max_age
    removed = 0
    for path in _stash_dir().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def as_bytes(file: IO[bytes] | bytes) -> bytes:
    return file if isinstance(file, bytes) else file.read()


STORAGE_FULL = "Máy chủ đã hết chỗ lưu tệp nên chưa lưu được tệp của bạn. Không có dữ liệu nào bị ghi dở; vui lòng báo quản trị viên rồi gửi lại sau."


def save_or_refuse(storage: Any, name: str, content: Any) -> str:
    """``storage.save`` that turns a full or read-only disk into a Vietnamese refusal, never a 500.

    A partly written file is removed, so a refused upload leaves neither a row nor a fragment behind.
    """
    import errno

    from django.core.exceptions import ValidationError

    try:
        return storage.save(name, content)
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG):
            raise
        if storage.exists(name):
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise ValidationError({"file": STORAGE_FULL}) from exc
