"""A faster ``__init__`` for frozen, slotted attrs classes built on the hot path.

attrs' generated ``__init__`` for a frozen class sets each field through
``object.__setattr__``, which looks the slot up through the class's MRO every
time. The ``__init__`` made here has the same signature, defaults, converters and
validators, but calls each slot's descriptor directly: a part is built in about
half the time. Validators always run (``attrs.validators.set_disabled`` does not
reach them). It is applied to the classes every :func:`shixian.normalize` call
builds (the parts and :class:`~shixian.model.Normalized`); attrs' own
``__init__`` is kept in :data:`ATTRS_INITS`, and ``tests/test_fastinit.py`` checks
that both build the same objects.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["ATTRS_INITS", "fast_init"]

_T = TypeVar("_T")

#: class → the ``__init__`` attrs generated for it (for the tests).
ATTRS_INITS: dict[type, Any] = {}


def _slot(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    raise TypeError(f"{cls.__name__}.{name} is not a slot")  # pragma: no cover


def fast_init(cls: type[_T]) -> type[_T]:
    """Replace the ``__init__`` of the frozen slotted attrs class ``cls`` (a decorator,
    applied above ``@attrs.frozen``)."""
    namespace: dict[str, Any] = {}
    positional: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    checks: list[str] = []
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        if not field.init or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"fast_init does not handle {cls.__name__}.{field.name}")
        name = field.name
        param = name
        if field.default is not attrs.NOTHING:
            namespace[f"_default_{name}"] = field.default
            param = f"{name}=_default_{name}"
        (keywords if field.kw_only else positional).append(param)
        value = name
        if field.converter is not None:
            if not callable(field.converter) or isinstance(field.converter, attrs.Converter):
                raise TypeError(f"fast_init does not handle {cls.__name__}.{name}")
            namespace[f"_convert_{name}"] = field.converter
            value = f"_convert_{name}({name})"
        namespace[f"_set_{name}"] = _slot(cls, name).__set__
        body.append(f"    _set_{name}(self, {value})")
        if field.validator is not None:
            namespace[f"_validate_{name}"] = field.validator
            namespace[f"_field_{name}"] = field
            checks.append(f"    _validate_{name}(self, _field_{name}, self.{name})")
    params = ", ".join(["self", *positional, *(["*", *keywords] if keywords else [])])
    lines = [f"def __init__({params}) -> None:", *body, *checks]
    exec("\n".join(lines), namespace)  # generated from the class's own fields
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)  # help() shows the types
    ATTRS_INITS[cls] = cls.__init__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
