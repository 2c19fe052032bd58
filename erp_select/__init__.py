"""erp-select: decision support for choosing an ERP."""

__version__ = "0.1.0"
