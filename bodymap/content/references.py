"""References between collections, declared in the schema (`Ref` markers) and found by one generic walk."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from bodymap.content.schema import Ref
from bodymap.content.yaml_source import Path_


def references(model: BaseModel) -> Iterator[tuple[Path_, str, str]]:
    """(path, collection, id) of every `Ref`-marked id in a model, nested models and tuples included."""
    return _walk(model, type(model), ())


@functools.lru_cache(maxsize=512)
def _may_hold_refs(annotation: Any) -> bool:
    """Whether values of this annotation can hold a reference (outline coordinates, for one, cannot)."""
    annotation, metadata = _split_annotation(annotation)
    if any(isinstance(mark, Ref) for mark in metadata):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return annotation is Any or any(_may_hold_refs(arg) for arg in get_args(annotation) if arg is not Ellipsis)


def _split_annotation(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """(type, metadata) of an annotation, seeing through `Annotated[...]` and `X | None`."""
    metadata: tuple[Any, ...] = ()
    if get_origin(annotation) is Annotated:
        annotation, metadata = annotation.__origin__, annotation.__metadata__
    if get_origin(annotation) in (Union, UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            inner, more = _split_annotation(options[0])
            return inner, metadata + more
    return annotation, metadata


def _item_annotations(annotation: Any, count: int) -> tuple[Any, ...]:
    """Annotation of each of `count` items of a tuple: `tuple[X, ...]` or `tuple[X, Y]`."""
    args = get_args(annotation)
    if len(args) == 2 and args[1] is Ellipsis:
        return (args[0],) * count
    return args if len(args) == count else (Any,) * count


def _walk(value: Any, annotation: Any, path: Path_) -> Iterator[tuple[Path_, str, str]]:
    if value is None or not _may_hold_refs(annotation):
        return
    annotation, metadata = _split_annotation(annotation)
    ref = next((mark for mark in metadata if isinstance(mark, Ref)), None)
    if ref is not None:
        yield path, ref.collection, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _walk(getattr(value, name), info.rebuild_annotation(), path + (name,))
    elif isinstance(value, tuple):
        items = zip(value, _item_annotations(annotation, len(value)), strict=True)
        for i, (item, item_annotation) in enumerate(items):
            yield from _walk(item, item_annotation, path + (i,))
