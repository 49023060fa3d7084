/** A named module: Surefire runs its tests on the module path, the test classes patched into it. */
module sample.greeter {
    exports sample.greeter;
}
