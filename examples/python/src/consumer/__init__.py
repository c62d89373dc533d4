"""What a service calling the two APIs writes around the generated clients: SigV4 and a token."""
