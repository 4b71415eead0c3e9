// Empty: this crate only pins rquickjs-sys, whose quickjs/ folder the engine build compiles.
