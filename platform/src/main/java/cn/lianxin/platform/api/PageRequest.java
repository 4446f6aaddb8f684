package cn.lianxin.platform.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?page=0&size=50}, size capped so that no list endpoint can be asked for the whole province. */
public class PageRequest {

    public static final int MAX_SIZE = 200;
    /**
     * The last page anyone may ask for: with {@link #MAX_SIZE} the offset still fits an int (2,000,000,000 rows,
     * far beyond a province), so that no page number can wrap round to a negative or a small offset.
     */
    public static final int MAX_PAGE = 10_000_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most " + MAX_PAGE)
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_SIZE, message = "must be at most " + MAX_SIZE)
    public int size;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = page;
        request.size = size;
        return request;
    }

    /** The first row of the page; a page beyond what an int offset can hold is refused as a 400 naming {@code page}. */
    public int offset() {
        long offset = (long) page * size;
        if (page < 0 || offset > Integer.MAX_VALUE) {
            throw cn.lianxin.platform.problem.ProblemException.invalidField("page", "must be at most " + MAX_PAGE);
        }
        return (int) offset;
    }
}
