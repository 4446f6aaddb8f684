package cn.lianxin.cases.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.TimelineEntry;
import cn.lianxin.cases.domain.TimelineEntry.Kind;
import cn.lianxin.cases.repository.CaseHistory;

/** Writes the case's timeline: every change with who and when. */
@ApplicationScoped
class Timeline {

    private final CaseHistory history;

    Timeline(CaseHistory history) {
        this.history = history;
    }

    void record(CaseFile file, Instant at, String actor, Kind kind, String detail) {
        history.add(TimelineEntry.of(file.id, at, actor, kind, detail));
    }

    void disposed(CaseFile file, Instant at, String actor, DispositionType type, String detail) {
        TimelineEntry entry = TimelineEntry.of(file.id, at, actor, Kind.DISPOSED, detail);
        entry.disposition = type;
        history.add(entry);
    }
}
