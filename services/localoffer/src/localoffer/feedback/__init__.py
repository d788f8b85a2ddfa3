"""Comments on the local offer from families and young people, the LA's responses and
actions, and the yearly "you said, we did" publication (R8.3)."""
