"""File exports shared by the domain apps: XLSX (formula-injection safe), Nghị định 30 DOCX, HTTP download.

from sausat.core.exports.xlsx import Sheet, write_xlsx, write_xlsx_stream, XLSX_CONTENT_TYPE
from sausat.core.exports.docx_nd30 import AdminDocument, Signature, Heading, Paragraph, Bullets, Table, render_docx
from sausat.core.exports.http import attachment_response
"""
