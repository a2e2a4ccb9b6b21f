package dev.jmpi;

/** The marker behind {@link Communicator#IN_PLACE}. */
final class InPlace {

    static final InPlace INSTANCE = new InPlace();

    private InPlace() {}

    @Override
    public String toString() {
        return "IN_PLACE";
    }
}
