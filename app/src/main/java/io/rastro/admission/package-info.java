/**
 * Admission control for report statements: which statement may take an engine connection next. Short statements
 * (pages, lookups) and long ones (counts, funnels, analyses) queue in lanes of their own, so a burst of long ones
 * never holds back a page; within a lane the tenants share the slots fairly, so one tenant's burst cannot starve
 * another. Exports are bounded apart, by their own worker pool ({@code io.rastro.export.job.ExportSlots}).
 */
package io.rastro.admission;
