"""Tandau's standalone verifier: reads an election record, imports only tandau.crypto."""
