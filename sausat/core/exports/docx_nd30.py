"""Former home of the .docx builder; the one generator is now :mod:`sausat.core.exports.official_document`
(both layouts, NĐ 30/2020 and HD 36-HD/VPTW). These names stay importable for older callers."""

from sausat.core.exports.official_document import (  # noqa: F401
    BODY_PT,
    DOCX_CONTENT_TYPE,
    FONT,
    MARGINS_MM,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    PARTY_NAME,
    AdminDocument,
    Block,
    Bullets,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    number_line,
    render_docx,
    vn_date_line,
)
