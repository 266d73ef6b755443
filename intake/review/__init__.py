"""The dermatologist's review workspace at /review/: the queue, each intake with
its assessment, the print view and the access history (staff only)."""
