package io.tandem.bench;

/**
 * The search of {@code activate --find-max}: the offered rate doubles while each step is sustainable; after the first
 * unsustainable one it bisects between the highest sustainable and the lowest unsustainable rate until they are within
 * 10 % of each other, so that the reported ceiling (the highest sustainable rate) is within 10 % of the true one.
 */
final class CeilingSearch {

    /** Precision of the answer: the search stops when the unsustainable rate is at most this much above the sustainable one. */
    static final double PRECISION = 0.10;

    private CeilingSearch() {
    }

    /**
     * The next rate to try, or 0 to stop.
     *
     * @param sustained the highest rate found sustainable so far (0: none)
     * @param failed the lowest rate found unsustainable so far (0: none)
     * @param maxRate the highest rate ever tried
     */
    static int next(int sustained, int failed, int maxRate) {
        if (failed == 0) {
            int doubled = sustained * 2;
            return sustained == 0 || sustained >= maxRate ? 0 : Math.min(doubled, maxRate);
        }
        if (sustained == 0 || failed <= sustained * (1 + PRECISION)) {
            return 0;
        }
        return (sustained + failed) / 2;
    }
}
