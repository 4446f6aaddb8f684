package cn.lianxin.cases.service;

import java.time.Instant;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.DispositionType;
import cn.lianxin.cases.domain.TimelineEntry;
import cn.lianxin.cases.domain.TimelineEntry.Kind;

/** Writes the case's timeline: every change with who and when. */
final class Timeline {

    private Timeline() {
    }

    static void record(CaseFile file, Instant at, String actor, Kind kind, String detail) {
        TimelineEntry.of(file.id, at, actor, kind, detail).persist();
    }

    static void disposed(CaseFile file, Instant at, String actor, DispositionType type, String detail) {
        TimelineEntry entry = TimelineEntry.of(file.id, at, actor, Kind.DISPOSED, detail);
        entry.disposition = type;
        entry.persist();
    }
}
