package io.roster.invite.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page and size of every list endpoint. The page is bounded so its offset (page × size) stays a plain int:
 * {@code page=2147483647} used to overflow into a negative OFFSET, which PostgreSQL refused with a 500. Deep
 * pages by OFFSET cost a scan of every row before them anyway.
 */
public final class Paging {

    public static final int MAX_PAGE = 100_000;
    public static final int MAX_SIZE = 500;

    private Paging() {
    }

    /** The offset of the page's first row; 400 when page or size is out of bounds. */
    public static int offset(int page, int size) {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be within 0.." + MAX_PAGE + " and size within 1.." + MAX_SIZE);
        }
        return page * size;
    }
}
