"""JSON Schema for catalog files, for editors (YAML language servers) and external tools."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from daicho.domain._catalog import CatalogManifest, Crosswalk, Framework

from ._parse import FileKind

__all__ = ["catalog_json_schema"]

_TITLES = {
    "framework": "daicho catalog framework file",
    "crosswalk": "daicho catalog crosswalk file",
    "manifest": "daicho catalog.yaml",
}


def catalog_json_schema(kind: FileKind = "framework") -> dict[str, Any]:
    """The JSON Schema of one kind of catalog file.

    Parameters
    ----------
    kind : {"framework", "crosswalk", "manifest"}

    Returns
    -------
    dict
        A JSON Schema (draft 2020-12). It checks structure and values; the checks that need
        more than one field or file (id prefixes, parents, conditions, crosswalk ends) are done
        by the loader.

    Examples
    --------
    >>> schema = catalog_json_schema("framework")
    >>> "requirements" in schema["properties"]
    True
    """
    models: dict[str, type[BaseModel]] = {
        "framework": Framework,
        "crosswalk": Crosswalk,
        "manifest": CatalogManifest,
    }
    model = models[kind]
    schema: dict[str, Any] = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _TITLES[kind]
    return schema
