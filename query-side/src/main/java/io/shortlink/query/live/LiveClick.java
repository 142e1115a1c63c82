package io.shortlink.query.live;

import io.shortlink.events.LinkClicked;
import io.shortlink.query.stats.UserAgents;

import java.time.Instant;

/** One click as a live stream tells it: what the stats count, never the visitor. */
record LiveClick(Instant clickedAt, String country, String browser, String os, String device, String referrer, boolean bot) {

    static LiveClick of(LinkClicked click, UserAgents.Agent agent) {
        return new LiveClick(click.clickedAt(), click.country(), agent.browser(), agent.operatingSystem(), agent.device(),
                click.referrerHost(), agent.bot());
    }
}
