package main

// addMetric records the figure a benchmark reported in m under unit, shown
// by text and judged by meets against target (no target: meets is nil). A
// unit the benchmark did not report is a figure not measured: a map's zero
// would otherwise meet targets such as "≤ 200 ms" or a layout shift of 0.
func (r *report) addMetric(group, key, name string, m map[string]float64, unit string, text func(float64) string, target string, meets func(float64) bool) {
	v, ok := m[unit]
	if !ok {
		r.fail(group, key, name, target, "the benchmark reported no "+unit)
		return
	}
	r.add(group, key, name, v, text(v), target, meets != nil && meets(v))
}
