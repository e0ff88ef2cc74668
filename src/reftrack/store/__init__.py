"""Where records live: SQLModel tables, the engine, migrations and the reads services need."""
