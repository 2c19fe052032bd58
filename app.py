"""erp-select in the browser: ``streamlit run app.py`` runs the page script of the package."""

from erp_select.app.main import run

run()
