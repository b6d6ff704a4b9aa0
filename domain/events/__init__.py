"""The career events (domain.md §4): one frozen class per event kind, grouped by concept, and
nothing else. ``from domain.events import X`` names every one of them: each module's
``__all__`` is re-exported here, so a new class needs no line in this file.

Every class keeps the topic it was first stored under (``TOPIC``, see ``domain.events.base``),
so moving a class never renames what is already stored."""

from domain.events.base import *  # noqa: F403
from domain.events.career import *  # noqa: F403
from domain.events.corrections import *  # noqa: F403
from domain.events.development import *  # noqa: F403
from domain.events.discipline import *  # noqa: F403
