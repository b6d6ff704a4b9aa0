"""Validation is cached per parsed document object: a repeated document is not validated
again, another document (even of the same text) is, and errors are kept with their document."""

from __future__ import annotations

from graphql import parse, specified_rules

from service.graphql.document_cache import validate_by_identity
from service.graphql.schema import build_schema, graphql_schema
from service.settings import Settings

SCHEMA = graphql_schema(build_schema(Settings()))
RULES = tuple(specified_rules)


def test_a_document_is_validated_once_and_another_of_the_same_text_again() -> None:
    text = "{ careerHistory(nip: \"199001012015031001\") { nip name } }"
    document = parse(text)
    first = validate_by_identity(SCHEMA, document, RULES)
    assert first == [] and validate_by_identity(SCHEMA, document, RULES) is first
    assert validate_by_identity(SCHEMA, parse(text), RULES) is not first


def test_invalid_documents_keep_their_errors() -> None:
    document = parse("{ careerHistory(nip: \"199001012015031001\") { noSuchField } }")
    errors = validate_by_identity(SCHEMA, document, RULES)
    assert errors and "noSuchField" in errors[0].message
    assert validate_by_identity(SCHEMA, document, RULES) is errors
    assert validate_by_identity(SCHEMA, parse("{ __typename }"), RULES) == []
