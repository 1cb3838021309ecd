"""Helpers that belong to no app and that every app may use. Imports none of our apps."""
