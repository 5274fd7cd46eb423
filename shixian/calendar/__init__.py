"""The calendar and its data: period arithmetic, the official working-day calendar,
schedules as occurrences and RRULEs, and the statute table."""
