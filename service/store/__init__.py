"""Storage of the event log: transcodings and the recorders that keep it append-only."""
