"""The knowledge items of the demo, drawn from the seed documents."""

from .loader import load_knowledge_demo

__all__ = ["load_knowledge_demo"]
