"""File exports shared by the domain apps: XLSX (formula-injection safe), official .docx (NĐ 30 and HD 36 layouts), HTTP download.

from sausat.core.exports.xlsx import Sheet, write_xlsx, write_xlsx_stream, XLSX_CONTENT_TYPE
from sausat.core.exports.official_document import OfficialDocument, Layout, Signature, Heading, Paragraph, Bullets, Table, render_docx
from sausat.core.exports.http import attachment_response
"""
