"""Every admission rule, as versioned data (domain.md §5, §7.0): one module per concept.

``domain.kinds`` says which rules each event kind is admitted under."""
