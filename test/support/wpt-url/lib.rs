// Empty: the crate exists only for its dependencies' test data (Cargo.toml).
