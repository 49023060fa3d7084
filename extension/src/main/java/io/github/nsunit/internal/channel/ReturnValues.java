package io.github.nsunit.internal.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Java serialization of the objects a programmatic run carries between JVMs: the task (parent to child) and the
 * value it returned (child to parent). Each failure says which object and which class could not travel.
 */
public final class ReturnValues {
    private ReturnValues() {
    }

    /**
     * Serializes {@code value}; {@code what} names it for the message ("the task", "the value the task returned").
     *
     * @throws IllegalArgumentException naming the class that is not serializable
     */
    public static byte[] encode(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be sent to another JVM: it is or holds a "
                    + e.getMessage() + ", which is not Serializable. Make that class Serializable, or capture and"
                    + " return only serializable values (strings, numbers, records that implement Serializable).", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Rebuilds an object with classes from {@code loader}.
     *
     * @throws IllegalStateException naming the class that could not be loaded or the stream's fault
     */
    public static Object decode(byte[] serialized, ClassLoader loader, String what) {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), loader,
                DeserializationFilters.forValues())) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(what + " cannot be rebuilt: class " + e.getMessage() + " is not on the"
                    + " class path of this JVM", e);
        } catch (InvalidClassException refused) {
            throw new IllegalStateException(what + " was refused by nsunit's deserialization limits (depth "
                    + DeserializationFilters.MAX_DEPTH + ", " + DeserializationFilters.MAX_REFERENCES + " references, arrays of "
                    + DeserializationFilters.MAX_ARRAY_LENGTH + "): " + refused.getMessage(), refused);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new IllegalStateException(what + " cannot be rebuilt: " + e, e);
        }
    }
}
