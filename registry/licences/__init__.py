"""Licences of recruitment agencies and their lifecycle, changed only by recorded actions."""
