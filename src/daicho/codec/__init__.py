"""Records as YAML text: parse with line-aware errors, and write in a stable layout.

This package is pure: it turns bytes into validated records and records into text. Reading and
writing files is the service layer's job.
"""

from ._problems import dotted
from ._records import (
    MAX_RECORD_BYTES,
    RECORD_KINDS,
    LoadedRecord,
    RecordKind,
    dump_record,
    load_record,
    record_json_schema,
)

__all__ = [
    "MAX_RECORD_BYTES",
    "RECORD_KINDS",
    "LoadedRecord",
    "RecordKind",
    "dotted",
    "dump_record",
    "load_record",
    "record_json_schema",
]
