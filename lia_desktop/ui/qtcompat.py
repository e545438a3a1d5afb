"""Work-arounds for bugs of the Qt binding, each detected at run time.

PySide6 6.12.0: `signal.emit()` returns True without taking a reference to it, so every emit
from Python leaves True one reference short. Python 3.12+ does not count references to True
(it is immortal); on Python 3.11 the program aborts ("bool_dealloc") once a few thousand
emits have drained them. `emit()` below measures the loss once and gives the reference back
only where it is really lost, so a fixed binding or a newer Python needs nothing.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


@functools.cache
def emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) - before <= -8


def emit(signal: SignalInstance, *args: Any) -> None:
    """signal.emit(*args), keeping the reference count of the returned bool right."""
    result = signal.emit(*args)
    if isinstance(result, bool) and emit_loses_a_reference():
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
