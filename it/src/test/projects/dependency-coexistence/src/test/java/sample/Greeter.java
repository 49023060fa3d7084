package sample;

/** A class to mock: final methods need the inline mock maker on Mockito 5, a subclass on Mockito 4. */
public class Greeter {
    public String greet(String name) {
        return "hello " + name;
    }
}
