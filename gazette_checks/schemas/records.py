"""DataFrameModel schemas, one per record table (see ``records.COLUMNS``)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
#: Shape of a 发文字号 (any bracket, so that wrong brackets are a rule finding, not a schema error).
DOC_NUMBER_SHAPE = (r"^(?:[\u3400-\u9fff]{1,12}[〔\[【(（［﹝](?:19|20)\d{2}[〕\]】)）］﹞]第?\d{1,5}号"
                    r"|[\u3400-\u9fff]{2,30}令第?\d{1,5}号)$")  # or a 政府令's 令号
FREQUENCIES = ["月刊", "双月刊", "半月刊", "季刊", "旬刊", "周刊", "年刊"]
OUTLINE_KINDS = ["chapter", "section", "article", "cn", "paren_cn", "arabic", "paren_arabic",
                 "column", "attachment"]
MENTION_KINDS = [
    "date", "deadline", "organ",
    "appointment",  # extract/appointments.py
    "effective_period",  # extract/effective.py
    "front_number",  # parse.py front_numbers: 第N期, 总第N期 before the first document
    "rename",  # extract/renames.py
]


class _Located(pa.DataFrameModel):
    """Every record points at its file and 1-based line."""

    file: Series[str] = pa.Field(description="文件: the path as given")
    line: Series[int] = pa.Field(ge=1, coerce=True, description="行号: 1-based line in the original")

    class Config:
        strict = False


class IssueSchema(_Located):
    """期刊信息: one row per gazette issue (masthead)."""

    name: Series[str] = pa.Field(nullable=True, str_length={"min_value": 2}, description="刊名")
    city: Series[str] = pa.Field(nullable=True, description="城市")
    frequency: Series[str] = pa.Field(nullable=True, isin=FREQUENCIES, description="刊期: 月刊, 双月刊…")
    year: Series[float] = pa.Field(nullable=True, ge=1949, le=2100, coerce=True, description="年份")
    number: Series[float] = pa.Field(ge=1, le=60, coerce=True, description="第N期")
    total_number: Series[float] = pa.Field(nullable=True, ge=1, coerce=True, description="总第N期")
    date: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE, description="出版日期 (ISO)")
    publisher: Series[str] = pa.Field(nullable=True, description="主办单位")


class TocSchema(_Located):
    """目录: one row per table-of-contents entry."""

    section: Series[str] = pa.Field(nullable=True, description="栏目 (● 市政府文件)")
    position: Series[int] = pa.Field(ge=1, coerce=True, description="序位")
    title: Series[str] = pa.Field(str_length={"min_value": 4}, description="标题")
    page: Series[float] = pa.Field(nullable=True, ge=1, coerce=True, description="页码")


class DocumentSchema(_Located):
    """文件: one row per document (公文) in the text."""

    doc_id: Series[str] = pa.Field(unique=True, description="document key: file#position")
    issuer: Series[str] = pa.Field(nullable=True, description="发文机关 (several joined by 、)")
    title: Series[str] = pa.Field(str_length={"min_value": 4}, description="标题")
    doc_number: Series[str] = pa.Field(
        nullable=True, str_matches=DOC_NUMBER_SHAPE, description="发文字号"
    )
    agency: Series[str] = pa.Field(nullable=True, description="机关代字")
    number_year: Series[float] = pa.Field(nullable=True, ge=1949, le=2100, coerce=True, description="年份")
    serial: Series[float] = pa.Field(nullable=True, ge=1, coerce=True, description="发文顺序号")
    doc_type: Series[str] = pa.Field(nullable=True, description="文种")
    signer: Series[str] = pa.Field(nullable=True, description="落款")
    date: Series[str] = pa.Field(nullable=True, str_matches=ISO_DATE, description="成文日期 (ISO)")
    date_raw: Series[str] = pa.Field(nullable=True, description="成文日期 as written")


class OutlineSchema(_Located):
    """层次序号: numbered headings and items."""

    doc_id: Series[str] = pa.Field(description="document key")
    part: Series[int] = pa.Field(ge=0, coerce=True, description="0 = the notice, 1.. = carried texts")
    kind: Series[str] = pa.Field(isin=OUTLINE_KINDS, description="序号类型")
    number: Series[int] = pa.Field(ge=0, coerce=True, description="序号数值")
    level: Series[int] = pa.Field(ge=1, coerce=True, description="层级")


class TableCellSchema(_Located):
    """表格: one row per cell."""

    table_id: Series[str] = pa.Field(description="table key: file#Tn")
    row: Series[int] = pa.Field(ge=0, coerce=True, description="行")
    col: Series[int] = pa.Field(ge=0, coerce=True, description="列")
    text: Series[str] = pa.Field(nullable=True, description="单元格文本")
    number: Series[float] = pa.Field(nullable=True, coerce=True, description="数值")
    unit: Series[str] = pa.Field(nullable=True, description="单位")


class MentionSchema(_Located):
    """Raw mentions: dates, deadline phrases, organ names."""

    kind: Series[str] = pa.Field(isin=MENTION_KINDS, description="date | deadline | organ")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="原文")
    value: Series[str] = pa.Field(nullable=True, description="normalised value (ISO date)")


class CitationSchema(_Located):
    """引用: 《title》（文号）."""

    title: Series[str] = pa.Field(str_length={"min_value": 2}, description="被引文件标题")
    doc_number: Series[str] = pa.Field(description="被引文件文号 as written")
