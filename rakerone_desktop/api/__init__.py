"""The HTTP side: requests, typed results and one error tree. No Qt here."""
