"""What the public sees: publishing, archiving and the good-practice badge (curators)."""
