"""Target employers in the workspace: ``store`` saves an imported list and reports coverage."""
