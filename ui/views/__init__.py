"""The Streamlit app's pages and panels, one small module each (thin views over ``assistant``)."""
