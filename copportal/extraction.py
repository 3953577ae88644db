"""Text out of contribution files, for search. Each reader is bounded in pages or characters."""

import zipfile

MAX_CHARS = 500_000
MAX_PAGES = 500


def _pdf(handle) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    return [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]


def _docx(handle) -> list[str]:
    import docx

    document = docx.Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return parts


def _pptx(handle) -> list[str]:
    from pptx import Presentation

    parts = []
    for slide in Presentation(handle).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return parts


def _xlsx(handle) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(handle, read_only=True, data_only=True)
    parts, size = [], 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            line = " ".join(str(value) for value in row if value is not None)
            parts.append(line)
            size += len(line)
            if size > MAX_CHARS:
                return parts
    return parts


def _odt(handle) -> list[str]:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(handle)
    return [teletype.extractText(p) for p in document.getElementsByType(text.P)]


READERS = {"pdf": _pdf, "docx": _docx, "pptx": _pptx, "xlsx": _xlsx, "odt": _odt}


def extract_text(handle, file_type: str) -> str:
    """The text of a file already checked by contributions.uploads (types and zip sizes)."""
    try:
        parts = READERS[file_type](handle)
    except zipfile.BadZipFile as exc:
        raise ValueError("not a readable package") from exc
    text = "\n".join(part.strip() for part in parts if part and part.strip())
    return text[:MAX_CHARS]
