"""Pharmacy careers pathways: a pathway graph of pharmacy support staff and pharmacy technician careers."""

__version__ = "0.1.0"
