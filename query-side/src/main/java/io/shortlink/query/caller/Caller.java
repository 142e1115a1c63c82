package io.shortlink.query.caller;

/**
 * Who sent a request: the owner of the API key it carried, an admin, or nobody (anonymous). The read side's own
 * copy of the command side's Caller, since the two sides share nothing but events. Authentication puts it on the
 * request as {@link #REQUEST_ATTRIBUTE}; controllers take it as a parameter.
 */
public record Caller(String owner, boolean admin) {

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();
    public static final Caller ANONYMOUS = new Caller(null, false);

    public boolean isAnonymous() {
        return owner == null && !admin;
    }

    /** Whether this caller may read the private data (such as the stats) of something owned by {@code owner}. */
    public boolean mayManage(String ownerOfTheThing) {
        return admin || (owner != null && owner.equals(ownerOfTheThing));
    }
}
