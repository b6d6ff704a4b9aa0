"""Riwayat's service: commands, GraphQL API, ASGI app and command-line tool."""
