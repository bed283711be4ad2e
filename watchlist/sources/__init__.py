"""Other registries' exports and public sanctions or debarment lists, imported as FollowTheMoney entities."""
