"""erp-select in the browser: configure Streamlit and route to the selection journey's pages."""

import streamlit as st

from erp_select.app import cookies, offline, shell

offline.keep_offline()
st.set_page_config(page_title="erp-select", page_icon=str(offline.PAGE_ICON), layout="wide")
shell.restore()
page = shell.navigation()
shell.sidebar(page)
shell.sync_url()
shell.frame(page)
page.run()
cookies.flush(hold=page.url_path == shell.ROOM.name)
