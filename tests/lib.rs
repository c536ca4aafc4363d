//! Holds no code: the tests in `tests/` look at the workspace from outside.
