package postgis

// LoadedColumns maps each live table the loader writes to the columns it writes (dataset_meta included).
func LoadedColumns() map[string][]string {
	m := map[string][]string{"dataset_meta": metaColumns()}
	for _, t := range datasetColumns() {
		m[t.name] = t.columns
	}
	return m
}
