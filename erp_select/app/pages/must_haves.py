"""must_haves page (being written)."""

import streamlit as st

st.title("must_haves")
